from yorisoi.programs.permissions import Actor


def may_edit_record(actor: Actor, record) -> bool:
    """Records are edited by their author and the program manager only; every edit is kept."""
    if not actor.may_read_consultation_contents or record.program_id != actor.program.pk:
        return False
    return actor.is_manager or record.author_id == actor.user.pk
