"""docs/term.md stays true: every ``seqlab``, ``nbgrader`` and ``jupyter`` command in its shell
blocks is one these tools have, with options they take; every picture it shows is in docs/img/."""
import re
import shlex
from pathlib import Path

import pytest
from traitlets.utils.importstring import import_item

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "term.md"


def commands():
    """Each command line of the guide's ```bash blocks (continued lines joined, comments dropped)."""
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #", 1)[0].strip()
            if line:
                found.append(line)
    return found


def tool_lines(tool):
    return [c for c in commands() if shlex.split(c)[0] == tool]


def test_the_guide_has_commands_of_each_tool():
    assert len(tool_lines("seqlab")) >= 5 and len(tool_lines("nbgrader")) >= 10


@pytest.mark.parametrize("line", tool_lines("seqlab"))
def test_a_seqlab_command_parses(line, monkeypatch):
    from seqlab import cli
    seen = {}

    class Stop(Exception):
        pass

    def parsed(self, args=None, namespace=None):
        seen["args"] = original(self, args, namespace)
        raise Stop
    original = cli.argparse.ArgumentParser.parse_args
    monkeypatch.setattr(cli.argparse.ArgumentParser, "parse_args", parsed)
    with pytest.raises(Stop):                      # argparse exits (SystemExit) on what it does not know
        cli.main(shlex.split(line)[1:])
    assert seen["args"].command == shlex.split(line)[1]


def subcommands(app):
    """An application class's subcommands ({} for a leaf: there the name is a traitlets descriptor)."""
    found = getattr(app, "subcommands", None)
    return found if isinstance(found, dict) else {}


def nbgrader_app(words):
    """The nbgrader application class of ``nbgrader <words…>`` and the words after its name."""
    from nbgrader.apps import NbGraderApp
    app, rest = NbGraderApp, list(words)
    while rest and rest[0] in subcommands(app):
        cls = subcommands(app)[rest.pop(0)][0]
        app = import_item(cls) if isinstance(cls, str) else cls
    return app, rest


@pytest.mark.parametrize("line", tool_lines("nbgrader"))
def test_an_nbgrader_command_exists_with_its_options(line):
    from nbgrader.apps import NbGraderApp
    words = shlex.split(line)[1:]
    app, rest = nbgrader_app(words)
    assert app is not NbGraderApp, f"{line}: no nbgrader subcommand {words[0]!r}"
    assert not subcommands(app), f"{line}: which {words[0]} command?"
    names = set(app.aliases) | set(app.flags)
    for word in rest:
        if word.startswith("--"):
            name = word[2:].split("=", 1)[0]
            assert name in names or "." in name, f"{line}: nbgrader {words[0]} has no option --{name}"


def test_jupyter_lab_is_installed():
    assert any(c == "jupyter lab" for c in commands())
    import jupyterlab  # noqa: F401


def test_every_picture_of_the_guide_is_there():
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", GUIDE.read_text(encoding="utf-8"))
    assert len(pictures) >= 5
    for picture in pictures:
        assert (GUIDE.parent / picture).is_file(), picture
