"""A Lambda triggered by the connector's commit events (otlp.commit-events.topic).

An MSK event source mapping hands the function batches of Kafka records; each record's value is
one commit event, a JSON object (README.md, "Commit events"). This example turns the events into
the exports they call for, one per table and day, and starts each as an Athena query that reads
the table as of the event's snapshot, so rows committed later do not leak into the export.

Set ATHENA_OUTPUT (s3://bucket/prefix/) and ATHENA_CATALOG (e.g. s3tablescatalog/telemetry) to
run the queries; without them the function only logs what it would export.
"""
import base64
import json
import os


def exports(event):
    """The (table, day, snapshot) exports the batch of commit events calls for, newest snapshot
    of each table and day, in the order the events came."""
    latest = {}
    for records in event.get("records", {}).values():
        for record in records:
            commit = json.loads(base64.b64decode(record["value"]))
            for day in commit["days"]:
                key = (commit["table"], day)
                known = latest.get(key)
                if known is None or commit["sequence_number"] > known["sequence_number"]:
                    latest[key] = {"table": commit["table"], "day": day,
                                   "snapshot_id": commit["snapshot_id"],
                                   "sequence_number": commit["sequence_number"],
                                   "added_rows": commit["added_rows"]}
    return list(latest.values())


def query(export):
    """Athena SQL reading one day of the table as the snapshot left it."""
    namespace, table = export["table"].rsplit(".", 1)
    return (f'SELECT * FROM "{namespace}"."{table}" FOR VERSION AS OF {export["snapshot_id"]}'
            f" WHERE \"timestamp\" >= TIMESTAMP '{export['day']} 00:00:00 UTC'"
            f" AND \"timestamp\" < TIMESTAMP '{export['day']} 00:00:00 UTC' + INTERVAL '1' DAY")


def handler(event, context):
    todo = exports(event)
    output = os.environ.get("ATHENA_OUTPUT")
    if output:
        import boto3  # in the Lambda runtime; not needed to try exports() locally

        athena = boto3.client("athena")
        for export in todo:
            athena.start_query_execution(
                QueryString=query(export),
                QueryExecutionContext={"Catalog": os.environ["ATHENA_CATALOG"]},
                ResultConfiguration={"OutputLocation": output})
    for export in todo:
        print(json.dumps({"export": export, "sql": query(export)}))
    return {"exports": len(todo)}
