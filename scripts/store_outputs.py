"""Temporary: `python scripts/store_outputs.py ...` runs `python -m booktools.outputs ...`."""

import os
import sys
from pathlib import Path

os.chdir(Path(__file__).resolve().parent.parent)
os.execv(sys.executable, [sys.executable, "-m", "booktools.outputs", *sys.argv[1:]])
