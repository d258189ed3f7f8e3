package io.celeriac.maintenance;

import io.celeriac.maintenance.db.DatabaseOptimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** optimize_database's result: totals, then one entry per table. */
final class OptimizeReport {
    private OptimizeReport() {
    }

    static Map<String, Object> of(List<DatabaseOptimizer.TableResult> results) {
        long deadBefore = 0;
        long deadAfter = 0;
        long bytesBefore = 0;
        long bytesAfter = 0;
        int failed = 0;
        List<Map<String, Object>> tables = new ArrayList<>();
        for (DatabaseOptimizer.TableResult result : results) {
            long afterDead = result.after() == null ? result.before().deadTuples() : result.after().deadTuples();
            long afterBytes = result.after() == null ? result.before().bytes() : result.after().bytes();
            deadBefore += result.before().deadTuples();
            deadAfter += afterDead;
            bytesBefore += result.before().bytes();
            bytesAfter += afterBytes;
            failed += result.error() == null ? 0 : 1;
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("table", result.before().table());
            table.put("dead_tuples_before", result.before().deadTuples());
            table.put("dead_tuples_after", afterDead);
            table.put("bytes_before", result.before().bytes());
            table.put("bytes_after", afterBytes);
            if (result.error() != null) {
                table.put("error", result.error());
            }
            tables.add(table);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("vacuumed", results.size() - failed);
        report.put("failed", failed);
        report.put("dead_tuples_before", deadBefore);
        report.put("dead_tuples_after", deadAfter);
        report.put("bytes_before", bytesBefore);
        report.put("bytes_after", bytesAfter);
        report.put("tables", tables);
        return report;
    }
}
