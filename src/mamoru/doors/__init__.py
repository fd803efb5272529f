"""What the three doors (web pages, REST API, CLI) share: who is asking, and how refusals look.

``identity`` turns a session cookie or a bearer token into a ``Viewer`` and opens the reading
and acting contexts that carry it; ``errors`` maps a ``MamoruError`` to an HTTP status and to
problem JSON. Neither the web nor the API imports the other: both import this package.
"""
