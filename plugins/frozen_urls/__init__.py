from .frozen_urls import *  # noqa: F403
