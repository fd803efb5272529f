"""The package's PDF documents (summary, transmittal notes), in Japanese, rendered with WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from mamoru.i18n import label, local_time, t

_ENV = Environment(loader=FileSystemLoader(str(Path(__file__).with_name("templates"))),
                   autoescape=select_autoescape(["html"]))


def font_uri() -> str | None:
    """The bundled Japanese font (Noto Sans CJK JP), so the PDF renders on machines without one."""
    try:
        import noto_cjk_sans_jp_regular
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        return None
    return (Path(noto_cjk_sans_jp_regular.__file__).parent / "NotoSansCJKjp-Regular.otf").as_uri()


def html(template: str, lang: str = "ja", **context: Any) -> str:
    def _t(key: str, /, **params: Any) -> str:
        return t(key, lang, **params)

    def _label(kind: str, value: Any) -> str:
        return label(kind, value, lang)

    return _ENV.get_template(template).render(t=_t, label=_label, when=local_time, lang=lang, font_uri=font_uri(),
                                              **context)


def render(template: str, lang: str = "ja", **context: Any) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(template, lang, **context)).write_pdf()
