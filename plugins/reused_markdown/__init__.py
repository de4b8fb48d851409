from .reused_markdown import *  # noqa: F403
