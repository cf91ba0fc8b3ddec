package io.jenkins.plugins.anyscale.emulator;

/**
 * The options of {@link Main}, parsed. Options take their value as the next argument or after {@code =}
 * ({@code --port 8090}, {@code --port=8090}).
 */
record CommandLine(boolean help, String bindAddress, int port, String token, String organizationId, int seed) {

    static final int DEFAULT_PORT = 8090;
    static final String DEFAULT_BIND = "127.0.0.1";
    static final String SEED_PREFIX = "demo-";

    static final String USAGE = String.join(
            System.lineSeparator(),
            "Usage: java -jar anyscale-emulator.jar [options]",
            "",
            "An in-memory emulator of the Anyscale service-account API, for tests and for trying",
            "pipelines without an Anyscale account. State is lost when it stops.",
            "",
            "Options:",
            "  --port <n>      TCP port to listen on (default " + DEFAULT_PORT + "; 0 picks a free port)",
            "  --bind <addr>   address to listen on (default " + DEFAULT_BIND + "; 0.0.0.0 for all interfaces)",
            "  --token <t>     the organization owner's API token (default: a generated aph0_... token)",
            "  --org <id>      the organization id (default: a generated org_... id)",
            "  --seed <n>      pre-create n service accounts named " + SEED_PREFIX + "00001, " + SEED_PREFIX
                    + "00002, ... (default 0)",
            "  -h, --help      print this help and exit",
            "",
            "On start it prints its base URL and the owner token. Point a client at them, e.g.:",
            "  export ANYSCALE_HOST=http://127.0.0.1:" + DEFAULT_PORT,
            "  export ANYSCALE_CLI_TOKEN=<the printed token>",
            "Stop it with Ctrl-C.");

    /**
     * Parses the arguments.
     *
     * @throws UsageException with a message fit for the user, for an unknown option or a bad value
     */
    static CommandLine parse(String... args) {
        boolean help = false;
        String bind = DEFAULT_BIND;
        int port = DEFAULT_PORT;
        String token = null;
        String org = null;
        int seed = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h":
                case "--help":
                    if (value != null) {
                        throw new UsageException("Option " + name + " takes no value.");
                    }
                    help = true;
                    break;
                case "--port":
                    value = value != null ? value : valueAfter(args, i++, name);
                    port = integer(name, value, 0, 65535);
                    break;
                case "--bind":
                    bind = nonBlank(name, value != null ? value : valueAfter(args, i++, name));
                    break;
                case "--token":
                    token = nonBlank(name, value != null ? value : valueAfter(args, i++, name));
                    if (!token.equals(token.strip())) {
                        throw new UsageException("Option --token must not have surrounding whitespace.");
                    }
                    break;
                case "--org":
                    org = nonBlank(name, value != null ? value : valueAfter(args, i++, name));
                    break;
                case "--seed":
                    value = value != null ? value : valueAfter(args, i++, name);
                    seed = integer(name, value, 0, 1_000_000);
                    break;
                default:
                    throw new UsageException(
                            arg.startsWith("-") ? "Unknown option: " + arg : "Unexpected argument: " + arg);
            }
        }
        return new CommandLine(help, bind, port, token, org, seed);
    }

    private static String valueAfter(String[] args, int i, String name) {
        if (i + 1 >= args.length) {
            throw new UsageException("Option " + name + " needs a value.");
        }
        return args[i + 1];
    }

    private static String nonBlank(String name, String value) {
        if (value.isBlank()) {
            throw new UsageException("Option " + name + " needs a non-blank value.");
        }
        return value;
    }

    private static int integer(String name, String value, int min, int max) {
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("Option " + name + " needs a whole number, got '" + value + "'.");
        }
        if (number < min || number > max) {
            throw new UsageException(
                    "Option " + name + " must be between " + min + " and " + max + ", got " + number + ".");
        }
        return number;
    }

    /** A command-line mistake, with a message for the user. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
