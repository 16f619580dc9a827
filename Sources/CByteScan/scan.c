// The target's functions are inline in its header; a C target needs one source file.
#include "cbytescan.h"
