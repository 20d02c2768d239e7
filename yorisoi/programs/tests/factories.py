import factory
from factory.django import DjangoModelFactory

from yorisoi.accounts.models import PledgeAcceptance, User
from yorisoi.accounts.pledge import current_version as current_pledge_version
from yorisoi.core.tests.names import person_name
from yorisoi.programs.models import Membership

TEST_PASSWORD = "correct-horse-battery-staple"


class StaffFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    display_name = factory.LazyFunction(person_name)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def pledge_accepted(self, create, extracted, **kwargs):
        """Staff in tests have accepted the confidentiality pledge unless a test says otherwise."""
        if extracted is not False:
            PledgeAcceptance.objects.create(user=self, version=current_pledge_version())

    @factory.post_generation
    def memberships(self, create, extracted, **kwargs):
        for program, role in extracted or []:
            Membership.objects.create(user=self, program=program, role=role)
        self.save()
