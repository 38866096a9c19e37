"""Store backends: the embedded pyoxigraph store and remote SPARQL endpoints, behind one interface."""
