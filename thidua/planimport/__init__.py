"""Plan importer: read an uploaded campaign plan and extract its fields by rule."""
