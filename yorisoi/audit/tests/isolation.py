from yorisoi.core.testing.isolation import MANAGER_ONLY, StaffPage

PAGES = [
    StaffPage("audit:log", MANAGER_ONLY),
    StaffPage("audit:verify", MANAGER_ONLY),
    StaffPage("audit:review", MANAGER_ONLY),
]
