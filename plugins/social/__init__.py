from .social import *  # noqa: F403
