"""Search keys for awards that existed before 0003. (On PostgreSQL Django already adds a
varchar_pattern_ops "_like" index to the indexed key column, which serves prefix LIKE.)"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Set-based backfill: a million awards take seconds, not a Python loop's minutes.
        schema_editor.execute(
            "INSERT INTO registry_awardsearchkey (award_id, key) "
            "SELECT DISTINCT a.id, left(array_to_string(a.w[i:], ' '), 120) "
            "FROM (SELECT id, regexp_split_to_array(btrim(search_text), '\\s+') AS w FROM awards_award "
            "WHERE btrim(search_text) <> '') a, generate_series(1, array_length(a.w, 1)) AS i"
        )
        return
    Award = apps.get_model("awards", "Award")
    Key = apps.get_model("registry", "AwardSearchKey")
    batch = []
    for award_id, text in Award.objects.values_list("pk", "search_text").iterator():
        words = (text or "").split()
        keys = dict.fromkeys(" ".join(words[i:])[:120] for i in range(len(words)))
        batch.extend(Key(award_id=award_id, key=k) for k in keys if k)
        if len(batch) > 5000:
            Key.objects.bulk_create(batch)
            batch = []
    Key.objects.bulk_create(batch)


def backwards(apps, schema_editor):
    apps.get_model("registry", "AwardSearchKey").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_award_search_key")]
    operations = [migrations.RunPython(forwards, backwards)]
