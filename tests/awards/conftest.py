from tests.council.seed000 import approved_session, campaign, council, dossiers  # noqa: F401
