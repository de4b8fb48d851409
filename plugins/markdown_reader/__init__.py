from .markdown_reader import *  # noqa: F403
