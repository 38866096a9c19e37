"""The service's defaults and limits, in one place (light to import: the CLI reads them for --help)."""

DEFAULT_BIND = "127.0.0.1:7878"
DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 2
MAX_BODY_BYTES = 1_000_000
MAX_CONNECTIONS = 256
WAITING_PER_WORKER = 32
WORKER_START_TIMEOUT = 120.0
