"""python -m agentbench.mock_model SCRIPT.json [--host H] [--port P]"""

import argparse
import sys

from agentbench.mock_model import ScriptError, serve_forever

parser = argparse.ArgumentParser(prog="python -m agentbench.mock_model",
                                 description="Serve a scripted mock model (not a real model).")
parser.add_argument("script")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=0)
args = parser.parse_args()
try:
    serve_forever(args.script, args.host, args.port)
except ScriptError as e:
    sys.exit(f"error: {e}")
