"""A read-only web view of a geopol store: ``geopol serve --db FILE``.

Layout: ``app`` builds the FastAPI application (one shared read-only DuckDB connection, a
cursor per request, security headers); ``api`` holds the JSON routes under ``/api``;
``pages`` the HTML shells whose data the browser fetches from ``/api``; ``queries`` the SQL;
``directory`` the actor names and regions; ``schemas`` the response models that make up the
OpenAPI description; ``errors`` the one JSON error shape. Templates and static files ship in
the package; the app serves no other files.
"""

from geopol.web.app import create_app

__all__ = ["create_app"]
