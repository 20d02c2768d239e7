from yorisoi.core.testing.isolation import ALL_ROLES, StaffPage

PAGES = [
    StaffPage("accounts:login", ALL_ROLES, redirects=True),  # already signed in: on to the home page
    StaffPage("accounts:mfa_verify", ALL_ROLES, redirects=True),  # no device yet: on to the setup
    StaffPage("accounts:mfa_setup", ALL_ROLES),
    StaffPage("accounts:logout", ALL_ROLES, method="post"),
]
