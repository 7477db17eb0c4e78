import http.server, os, sys, urllib.parse
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'out')
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_POST(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        length = int(self.headers.get('Content-Length', 0))
        body = self.rfile.read(length)
        name = query['name'][0]
        os.makedirs(os.path.join(OUT, os.path.dirname(name)), exist_ok=True)
        with open(os.path.join(OUT, name), 'wb') as f:
            f.write(body)
        self.send_response(204); self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Handler).serve_forever()
