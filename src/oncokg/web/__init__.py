"""The web service: the catalogue in a browser, a JSON API and a read-only SPARQL endpoint.

`oncokg serve` runs it on uvicorn. Queries run in a small pool of worker processes, each with the
built store open read-only, so a query past its deadline is stopped by killing its worker (a
pyoxigraph query cannot be cancelled from Python) and a worker that crashes is replaced::

    from oncokg.web.app import create_app
    app = create_app(timeout=10, workers=2)      # an ASGI app; or: oncokg serve --bind HOST:PORT

(This module imports nothing: the CLI imports the web stack only to serve.)
"""
