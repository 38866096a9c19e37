"""The service's defaults (light to import: the CLI reads them for --help); its limits are in
`oncokg.limits`, with the others."""

DEFAULT_BIND = "127.0.0.1:7878"
DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 3  # ad-hoc SPARQL may hold all but one, so /query keeps two (review 2, finding 7)
WORKER_START_TIMEOUT = 120.0
