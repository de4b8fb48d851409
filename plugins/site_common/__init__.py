"""What the site's plugins and scripts share: one definition of each fact.

Not a Pelican plugin (it is not in PLUGINS): a small library the plugins in this
folder and the scripts import. The project installs it with the virtual
environment (`pip install -e .`, see pyproject.toml).
"""
