from .fragments import *  # noqa: F403
