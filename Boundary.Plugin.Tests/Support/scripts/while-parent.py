#!/usr/bin/env python3
"""Runs a command as a child and stops it when a parent process is gone.

Usage: while-parent.py PARENT_PID COMMAND [ARGS...]
The end-to-end tests start moto and the Amplify stub through this, so that a test run that dies
without cleaning up (killed, crashed) does not leave them listening. SIGTERM stops the child too.
"""
import os
import signal
import subprocess
import sys
import threading
import time

parent = int(sys.argv[1])
child = subprocess.Popen(sys.argv[2:])


def stop(*_):
    child.terminate()
    try:
        child.wait(5)
    except Exception:
        child.kill()
    os._exit(0)


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)


def watch():
    while True:
        time.sleep(1)
        try:
            os.kill(parent, 0)
        except OSError:
            stop()


threading.Thread(target=watch, daemon=True).start()
sys.exit(child.wait())
