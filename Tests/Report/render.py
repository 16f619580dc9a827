"""Opens report.html in headless Chromium through the DevTools protocol (--remote-debugging-pipe) and
writes full-page PNGs at the widths asked; exits 1 if the page logged a console error or an exception, or
made any request other than file: or data: (a font, script or stylesheet from the network).

  python3 render.py CHROMIUM PAGE OUT_PREFIX WIDTH...

Why the protocol and not --screenshot: the flag cannot see the page's own requests apart from Chromium's
background ones, and it shoots only the window, not the whole page.
"""
import base64, json, os, subprocess, sys

chromium, page, prefix, widths = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], [int(w) for w in sys.argv[4:]]
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()
# Chromium reads commands on fd 3 and writes replies on fd 4: move our ends out of the way first, so the
# child's dup2 cannot overwrite one with the other.
high_r, high_w = os.dup2(to_chrome_r, 100), os.dup2(from_chrome_w, 101)
os.close(to_chrome_r); os.close(from_chrome_w)
to_chrome_r, from_chrome_w = high_r, high_w
proc = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-pipe",
     "--disable-background-networking", "--no-first-run", "about:blank"],
    pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    preexec_fn=lambda: (os.dup2(to_chrome_r, 3), os.dup2(from_chrome_w, 4)))
os.close(to_chrome_r); os.close(from_chrome_w)
writer, reader = os.fdopen(to_chrome_w, "wb"), os.fdopen(from_chrome_r, "rb")
buffer, next_id, problems = b"", 0, []

def note(message):
    """Records what the page did wrong: a request to the network, a console error, an exception."""
    method, params = message.get("method"), message.get("params", {})
    if method == "Network.requestWillBeSent":
        url = params["request"]["url"]
        if not url.startswith(("file:", "data:")): problems.append("network request: " + url)
    elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        problems.append("console error: " + json.dumps(params.get("args"), ensure_ascii=False)[:300])
    elif method == "Runtime.exceptionThrown":
        problems.append("exception: " + params["exceptionDetails"].get("text", ""))
    elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
        problems.append("log error: " + params["entry"].get("text", "") + " " + params["entry"].get("url", ""))

def receive():
    global buffer
    while b"\0" not in buffer:
        chunk = reader.read1(1 << 16)
        if not chunk: sys.exit("chromium closed the pipe")
        buffer += chunk
    raw, buffer = buffer.split(b"\0", 1)
    message = json.loads(raw)
    note(message)
    return message

def call(method, params=None, session=None):
    global next_id
    next_id += 1
    command = {"id": next_id, "method": method, "params": params or {}}
    if session: command["sessionId"] = session
    writer.write(json.dumps(command).encode() + b"\0"); writer.flush()
    while True:
        message = receive()
        if message.get("id") == next_id:
            if "error" in message: sys.exit(f"{method}: {message['error']}")
            return message["result"]

def wait_for(event):
    while receive().get("method") != event: pass

target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
for domain in ("Page", "Network", "Runtime", "Log"): call(domain + ".enable", session=session)
for width in widths:
    call("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}, session)
    call("Page.navigate", {"url": "file://" + page}, session)
    wait_for("Page.loadEventFired")
    size = call("Page.getLayoutMetrics", session=session)["cssContentSize"]
    shot = call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                           "clip": {"x": 0, "y": 0, "width": width, "height": size["height"], "scale": 1}}, session)
    with open(f"{prefix}-{width}.png", "wb") as out: out.write(base64.b64decode(shot["data"]))
    print(f"{prefix}-{width}.png: {width}x{int(size['height'])} px")
call("Browser.close")
proc.wait(timeout=30)
for problem in problems: print("report.html: " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
