"""The web application: server-rendered pages (Jinja2 + htmx) and the REST API, thin over services."""
