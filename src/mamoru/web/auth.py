"""The web door's sign-in dependencies: a page without a session is sent to /login.

Identity itself (session cookie or bearer token → ``Viewer``, CSRF) lives in ``mamoru.doors``.
"""

from __future__ import annotations

from mamoru.doors.identity import NeedsSignIn, allowed_for, current_for

current = current_for(NeedsSignIn)
allowed = allowed_for(current)

__all__ = ["NeedsSignIn", "allowed", "current"]
