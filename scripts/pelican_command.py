"""The `pelican` command line the project's scripts and tests run.

One place for a subtlety: Pelican keeps only the last `--extra-settings`
flag it is given, so every override goes after a single one.
"""

import json
import sys


def pelican_command(content, output, settings_file, overrides=None, options=()):
    """The command that builds `content` into `output` with `settings_file`.

    `overrides` replace settings ({name: value}, passed as JSON); `options`
    are further `pelican` options, such as ("--log-handler", "plain").
    """
    command = [sys.executable, "-m", "pelican", str(content)]
    command += ["--output", str(output), "--settings", str(settings_file)]
    command += ["--fatal", "errors", *options]
    if overrides:
        command.append("--extra-settings")
        command += [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
    return command
