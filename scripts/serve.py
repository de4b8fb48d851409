"""Preview the site while writing it: `make serve`.

Builds the site with Pelican, drafts listed and marked (PREVIEW_SETTINGS),
serves it on http://HOST:PORT and watches content/, theme/, plugins/ and
pelicanconf.py. When a file is saved the site is rebuilt and the page open in
the browser reloads itself. When a build fails, Pelican's messages are printed
and the last good build stays on screen until a save fixes the problem.

Each build runs the site's build (scripts/build_site.py) in a fresh process,
so changes to plugins and settings count too; it replaces the output only when
the whole build succeeded. The reload script is added by this server to the pages it
sends (livereload); it is never written into the output.
"""

import argparse
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from build_site import build_command
from livereload import Server
from livereload.handlers import LiveReloadHandler
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("content", "theme", "plugins", "pelicanconf.py")
PREVIEW_SETTINGS = {"PREVIEW_DRAFTS": True}
EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".pyc")


# -- pure functions ---------------------------------------------------------


def port_is_free(host, port):
    """Whether a server could listen on host:port now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def is_editor_leftover(path):
    """Backup, swap and lock files editors write beside the file being saved."""
    name = os.path.basename(path)
    return name.startswith((".", "#")) or name.endswith(EDITOR_LEFTOVERS)


# -- building ---------------------------------------------------------------


def preview_settings(social, host, port):
    """What a preview build changes: drafts listed, and the absolute addresses
    (canonical, share links) pointing at this server's own host and port."""
    overrides = dict(PREVIEW_SETTINGS)
    if isinstance(social, dict):
        overrides["SOCIAL"] = {**social, "preview_site_url": f"http://{host}:{port}"}
    return overrides


def build(project, output, settings_file="pelicanconf.py", overrides=None):
    """Build the preview into `output`; on failure leave `output` as it was."""
    started = time.monotonic()
    result = subprocess.run(
        build_command(
            project / "content",
            output,
            project / settings_file,
            PREVIEW_SETTINGS if overrides is None else overrides,
        ),
        cwd=project,
        # Pelican's messages are wrapped to the terminal's width, not 80 columns.
        env={**os.environ, "COLUMNS": str(shutil.get_terminal_size().columns)},
        capture_output=True,
        text=True,
        check=False,
    )
    print((result.stdout + result.stderr).rstrip(), flush=True)
    if result.returncode != 0:
        print(
            "✗ ビルドできませんでした。上のメッセージのファイルを直して保存してください"
            "（それまでは前のプレビューを表示します）。\n"
            "✗ The build failed: fix the file named above and save it "
            "(the previous preview stays on screen until then).",
            flush=True,
        )
        return False
    seconds = time.monotonic() - started
    print(f"✓ プレビューを更新しました / Preview rebuilt ({seconds:.1f} s)", flush=True)
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    parser.add_argument("--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    output = args.output.resolve()
    if not port_is_free(args.host, args.port):
        raise SystemExit(
            f"{args.host}:{args.port} は使用中です。別のプレビューを止めるか、"
            f"make serve PORT=8001 のように別の番号を選んでください。\n"
            f"Port {args.port} on {args.host} is already in use: stop the other "
            f"preview, or choose another port (make serve PORT=8001)."
        )

    def overrides():
        # Read afresh each time: the settings file may have just been saved.
        try:
            social = read_settings(str(ROOT / args.settings)).get("SOCIAL")
        except Exception:  # a broken settings file: the build reports it
            social = None
        return preview_settings(social, args.host, args.port)

    build(ROOT, output, args.settings, overrides())

    def rebuild():
        if build(ROOT, output, args.settings, overrides()):
            # Reload now rather than on livereload's own schedule, which skips
            # a reload that comes within seconds of the previous one.
            LiveReloadHandler.reload_waiters()

    server = Server()
    for name in WATCHED:
        server.watch(str(ROOT / name), rebuild, ignore=is_editor_leftover)
    print(
        f"プレビュー / Preview: http://{args.host}:{args.port}/ "
        "(止めるには Ctrl+C / Ctrl+C to stop)",
        flush=True,
    )
    server.serve(host=args.host, port=args.port, root=str(output))


if __name__ == "__main__":
    main()
