"""Production RunPod paths in front of the SDK's local API server, so the Lambda's client talks to both.

RunPod: POST /v2/{endpoint}/run, GET /v2/{endpoint}/status/{id}, POST /v2/{endpoint}/cancel/{id}.
Local `--rp_serve_api`: POST /run, POST /status/{id}, no cancel (the job only runs when polled).
Run: python gpu_worker/local_adapter.py --upstream http://127.0.0.1:8000 --port 8001
"""

from __future__ import annotations

import argparse
import json
import re
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_ROUTE = re.compile(r"^/v2/[^/]+/(?P<op>run|runsync|status|cancel|health)(?:/(?P<job>[^/?]+))?/?$")


def make_server(upstream: str, port: int = 0) -> ThreadingHTTPServer:
    """An adapter bound to 127.0.0.1 (port 0: any free port) forwarding to `upstream`."""

    class Adapter(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._route()

        def do_POST(self) -> None:
            self._route()

        def _route(self) -> None:
            match = _ROUTE.match(self.path)
            if match is None:
                return self._reply(404, {"error": f"no route {self.path}"})
            op, job = match["op"], match["job"]
            if op == "cancel":
                return self._reply(200, {"id": job, "status": "CANCELLED"})
            if op == "health":
                return self._reply(200, {"workers": {"idle": 1, "running": 0}, "jobs": {}})
            body = self._body() if op in ("run", "runsync") else None
            path = f"/{op}/{job}" if job else f"/{op}"
            self._reply(*_forward(upstream + path, {"input": body.get("input")} if body else None))

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            data = json.loads(self.rfile.read(length) or b"{}")
            return data if isinstance(data, dict) else {}

        def _reply(self, code: int, payload: dict[str, Any]) -> None:
            raw = json.dumps(payload).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, format: str, *args: Any) -> None:  # job payloads stay out of logs
            return

    return ThreadingHTTPServer(("127.0.0.1", port), Adapter)


def _forward(url: str, body: dict[str, Any] | None) -> tuple[int, dict[str, Any]]:
    data = json.dumps(body or {}).encode()
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {"error": error.reason}


def main() -> None:
    """Serve the adapter until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--upstream", default="http://127.0.0.1:8000")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    make_server(args.upstream.rstrip("/"), args.port).serve_forever()


if __name__ == "__main__":
    main()
