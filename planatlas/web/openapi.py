"""The OpenAPI schema at /api/v1/openapi.json, with every status code the API answers.

FastAPI documents 200 and its own 422 (with a body shape the app never sends); the app's
errors have one shape (app.py) and come from the library, the guard, the middleware in
limits.py and the upload jobs. This adds them where they can happen, so that a client (and
Schemathesis, in the tests) can trust the schema.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "path"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string", "description": "på norsk, for mennesker"},
                "path": {"type": ["string", "null"]},
            },
        },
        "result": {"type": "object", "description": "en mislykket opplastings resultat"},
    },
}
JSON_OBJECT = {"type": "object", "additionalProperties": True}
# What every operation may answer, and why.
ALWAYS = {
    "400": "Ugyldig forespørsel: en verdi biblioteket ikke godtar, eller en ødelagt kropp",
    "401": "Logg inn (økt eller API-nøkkel) først",
    "403": "Rollen eller organisasjonen din gir ikke tilgang",
    "404": "Fant ikke det som ble spurt om",
    "422": "Ugyldig parameter (feil type, for stor, mangler)",
    "429": "For mange forespørsler fra adressen din; se Retry-After",
}
WITH_BODY = {"413": "Kroppen er for stor (avvist før den leses)"}
EXTRA = {
    ("post", "/api/v1/upload"): {
        "202": "Jobben er startet (wait=false); følg den på /api/v1/jobs/{id} (Location)",
        "422": "Filen kunne ikke leses: feilen (code, message, path) og resultatet",
        "500": "Arbeidsprosessen stoppet under lesingen (ikke filens feil)",
    },
    ("patch", "/api/v1/followup/items/{statement_id}"): {
        "409": "Punktet er endret siden versjonen du leste (med den andres endring)",
    },
    ("post", "/api/v1/statements/{statement_id}/corrections"): {},
    ("post", "/api/v1/contacts"): {"409": "Kontakten finnes fra før"},
}


def install(app: FastAPI) -> None:
    """Serve the completed schema (built once, on first request)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = completed(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                )  # fmt: skip
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def codebook(components: dict[str, Any]) -> None:
    """The values a correction may take, as enums: the kinds, directions, and the active
    taxonomy's topics and issues (which a setting may change, so read when the schema is)."""
    from planatlas.coding.corrections import DIRECTIONS
    from planatlas.coding.taxonomy import active_taxonomy
    from planatlas.records import KINDS

    taxonomy = active_taxonomy()
    correction = components.get("CorrectionIn", {}).get("properties", {})
    for name, values in (("kind", KINDS), ("topics", tuple(taxonomy.topics))):
        for option in correction.get(name, {}).get("anyOf", []):
            target = option.get("items", option)
            if target.get("type") == "string":
                target["enum"] = list(values)
    from planatlas.followup.contacts import BODIES, ROLES

    contact = components.get("ContactBody", {}).get("properties", {})
    for name, values in (("role", ROLES), ("body", BODIES), ("topics", tuple(taxonomy.topics))):
        for option in contact.get(name, {}).get("anyOf", [contact.get(name, {})]):
            target = option.get("items", option)
            if target.get("type") == "string":
                target["enum"] = list(values)
    position = components.get("PositionIn", {}).get("properties", {})
    for name, values in (("issue", tuple(taxonomy.issues)), ("direction", DIRECTIONS)):
        if name in position:
            position[name]["enum"] = list(values)


def completed(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    codebook(components)
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    components["Error"] = ERROR
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = {**ALWAYS, **(WITH_BODY if "requestBody" in operation else {})}
            codes.update(EXTRA.get((method, path), {}))
            for code, text in codes.items():
                if code == "202":
                    body = {"application/json": {"schema": JSON_OBJECT}}
                    responses[code] = {"description": text, "content": body}
                else:
                    responses[code] = {"description": text, "content": error}
            if "429" in responses:
                responses["429"]["headers"] = {
                    "Retry-After": {"schema": {"type": "integer"}, "description": "sekunder"}
                }
    return schema
