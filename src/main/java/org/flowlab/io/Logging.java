package org.flowlab.io;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.PropertyDefinerBase;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Where FlowLab's log goes. {@code resources/logback.xml} writes a rolling file under {@link AppHome}
 * ({@code logs/flowlab.log}, at most 3 files of 5 MB) and nothing to the console; {@link #toConsole} adds the
 * console for a run with {@code --debug}. When the log folder cannot be written the file appender does not start
 * and logging goes nowhere: it never stops a command.
 */
public final class Logging {

    /** The file appender's name in logback.xml. */
    static final String FILE_APPENDER = "FILE";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n";

    private Logging() {
    }

    /** The folder logback.xml writes into: {@code <home>/logs}. */
    public static Path folder() {
        return AppHome.home().resolve("logs");
    }

    /** The absolute path of the log file being written, or null when there is none (unwritable folder). */
    public static Path activeLogFile() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            Appender<ILoggingEvent> a = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(FILE_APPENDER);
            if (a instanceof FileAppender<ILoggingEvent> file && file.isStarted() && file.getFile() != null) {
                return Path.of(file.getFile()).toAbsolutePath();
            }
        }
        return null;
    }

    /** A console copy of the log; {@link #close()} removes it. */
    public interface Console extends AutoCloseable {
        /** False when logging is not logback (the caller then prints what it must itself). */
        boolean attached();

        @Override
        void close();
    }

    /**
     * Copies every log event (at the levels logback.xml sets: FlowLab's DEBUG, DL4J's WARN) to {@code err}
     * until the returned handle is closed.
     */
    public static Console toConsole(PrintWriter err) {
        ILoggerFactory f = LoggerFactory.getILoggerFactory();
        if (!(f instanceof LoggerContext ctx)) {
            return new Console() {
                @Override
                public boolean attached() {
                    return false;
                }

                @Override
                public void close() {
                }
            };
        }
        PatternLayout layout = new PatternLayout();
        layout.setContext(ctx);
        layout.setPattern(CONSOLE_PATTERN);
        layout.start();
        WriterAppender appender = new WriterAppender(err, layout);
        appender.setContext(ctx);
        appender.setName("CONSOLE-" + System.identityHashCode(appender));
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return new Console() {
            @Override
            public boolean attached() {
                return true;
            }

            @Override
            public void close() {
                root.detachAppender(appender);
                appender.stop();
                err.flush();
            }
        };
    }

    /** Formats events onto a writer (the CLI's stderr, or a test's). */
    private static final class WriterAppender extends AppenderBase<ILoggingEvent> {
        private final PrintWriter out;
        private final PatternLayout layout;

        WriterAppender(PrintWriter out, PatternLayout layout) {
            this.out = out;
            this.layout = layout;
        }

        @Override
        protected void append(ILoggingEvent event) {
            out.print(layout.doLayout(event));
            out.flush();
        }
    }

    /** logback.xml's {@code LOG_DIR}: {@link #folder()}, decided in one place with the rest of the app's home. */
    public static final class Folder extends PropertyDefinerBase {
        @Override
        public String getPropertyValue() {
            try {
                return folder().toAbsolutePath().toString();
            } catch (RuntimeException e) {
                // A malformed flowlab.home: the default home rather than a file in the working folder.
                return Path.of(System.getProperty("user.home"), ".flowlab", "logs").toString();
            }
        }
    }

    /** logback.xml's {@code PID}, so lines of the launcher and its restarted JVM can be told apart. */
    public static final class Pid extends PropertyDefinerBase {
        @Override
        public String getPropertyValue() {
            return Long.toString(ProcessHandle.current().pid());
        }
    }
}
