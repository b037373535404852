"""Where the tests find the project's own files and the shared corpus beside it."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
README = ROOT / "README.md"
WEB = ROOT / "planatlas" / "web"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold"
PROGRAMMES = SHARED / "corpus" / "programmes"
PROGRAMME_GOLD = GOLD / "programmes"
CODEBOOK = SHARED / "codebook.md"
