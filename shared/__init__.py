"""Infrastructure and event contracts shared by every OTOP network service."""
