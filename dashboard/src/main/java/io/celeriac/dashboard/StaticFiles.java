package io.celeriac.dashboard;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The few files the pages load, from this jar and uPlot's WebJar: named here one by one (no path
 * from the request reaches the class path), so the dashboard works with no network.
 */
final class StaticFiles {
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String[]> FILES = Map.of(
            "uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript"},
            "uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css"},
            "dashboard.js", new String[] {"/io/celeriac/dashboard/static/dashboard.js", "text/javascript"},
            "dashboard.css", new String[] {"/io/celeriac/dashboard/static/dashboard.css", "text/css"});

    private StaticFiles() {
    }

    static void serve(Context ctx) {
        String[] file = FILES.get(ctx.pathParam("file"));
        if (file == null) {
            throw new NotFoundResponse("no such file");
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream(file[0])) {
            if (in == null) {
                throw new NotFoundResponse("not in this build: " + ctx.pathParam("file"));
            }
            ctx.contentType(file[1] + "; charset=utf-8").header("Cache-Control", "max-age=3600").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
