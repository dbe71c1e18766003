"""Who is acting: staff roles and their areas, the actor of the work in progress, and the
short-lived signed tokens the web front issues for staff."""
