// libcsv ships csv.h and libcsv.so but no pkg-config file (Debian libcsv-dev).
#include <csv.h>
