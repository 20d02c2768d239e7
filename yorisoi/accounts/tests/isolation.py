from yorisoi.core.testing.isolation import ALL_ROLES, StaffPage

PAGES = [
    StaffPage("accounts:login", ALL_ROLES, redirects=True),  # already signed in: on to the home page
    StaffPage("accounts:mfa_verify", ALL_ROLES, redirects=True),  # no step pending: on to the home page
    StaffPage("accounts:mfa_recovery", ALL_ROLES, redirects=True),  # no step pending: on to the home page
    StaffPage("accounts:mfa_setup", ALL_ROLES, redirects=True),  # first the password again
    StaffPage("accounts:recovery_codes", ALL_ROLES, method="post"),
    StaffPage("accounts:mfa_remove", ALL_ROLES, method="post"),
    StaffPage("accounts:security", ALL_ROLES),
    StaffPage("accounts:reauth", ALL_ROLES),
    StaffPage("accounts:password_change", ALL_ROLES, redirects=True),  # first the password again
    StaffPage("accounts:sessions", ALL_ROLES),
    StaffPage("accounts:session_end", ALL_ROLES, method="post"),
    StaffPage("accounts:pledge", ALL_ROLES),
    StaffPage("accounts:logout", ALL_ROLES, method="post"),
]
