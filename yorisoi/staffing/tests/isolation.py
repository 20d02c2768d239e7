from yorisoi.core.testing.isolation import MANAGER_ONLY, StaffPage

PAGES = [
    StaffPage("staffing:grants", MANAGER_ONLY),  # and system admins (tests in test_grants.py)
    StaffPage("staffing:grant_request", MANAGER_ONLY, method="post"),
    StaffPage("staffing:grant_confirm", MANAGER_ONLY, method="post"),
    StaffPage("staffing:grant_refuse", MANAGER_ONLY, method="post"),
    StaffPage("staffing:membership_end", MANAGER_ONLY, method="post"),
]
