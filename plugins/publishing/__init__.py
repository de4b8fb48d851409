from .publishing import *  # noqa: F403
