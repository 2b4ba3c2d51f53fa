package io.otlpiceberg.catalog;

import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * One append the commit coordinator made to a table, as a job downstream needs it: which snapshot
 * made the rows visible, how many, and which days and times they cover.
 *
 * @param snapshotId the snapshot the append made, or null if it could not be found afterwards (then
 *     {@code sequenceNumber} and {@code commitTimeMillis} are null too)
 * @param days the days of the {@code day(timestamp)} partitions the files went to, ascending
 * @param minTimestampMicros the lowest {@code timestamp} in the added files, or null where the
 *     files carry no bounds for it (the table's metrics mode for the column is none)
 */
public record TableCommit(
    TableIdentifier table,
    Long snapshotId,
    Long sequenceNumber,
    Long commitTimeMillis,
    long addedRows,
    int addedFiles,
    List<LocalDate> days,
    Long minTimestampMicros,
    Long maxTimestampMicros) {}
