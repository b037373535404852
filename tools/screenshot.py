"""Screenshots of the web app on the demo atlas, for the README (docs/*.png).

python tools/screenshot.py planatlas.db      # after `make demo` has built it
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from planatlas.web import create_app

DOCS = Path(__file__).resolve().parents[1] / "docs"


def main() -> None:
    db = sys.argv[1] if len(sys.argv) > 1 else "planatlas.db"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(f"sqlite:///{db}"), port=port, log_level="error")
    )
    threading.Thread(target=server.run, daemon=True).start()
    time.sleep(2)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--window-size=1280,900", "--lang=nb"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    base = f"http://127.0.0.1:{port}"
    pages = {
        "oversikt": "/",
        "sammenlign": "/sammenlign?aktor=Kystpartiet&aktor=" + quote("Framtidspartiet"),
        "allierte": "/allierte?aktor=Kystpartiet",
        "sok": "/sok?q=" + quote("sjukehusa"),
    }
    DOCS.mkdir(exist_ok=True)
    try:
        for name, path in pages.items():
            driver.get(base + path)
            driver.save_screenshot(str(DOCS / f"{name}.png"))
            print(DOCS / f"{name}.png")
    finally:
        driver.quit()
        server.should_exit = True


if __name__ == "__main__":
    main()
