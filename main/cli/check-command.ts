import { localeLanguages } from '../app/app-language.ts';
import { checkHosts, type CheckEvent } from '../core/diagnosis/check-hosts.ts';
import { UserError } from '../core/errors.ts';
import { CHECK_MODES, type CheckMode, type CheckReport } from '../core/verdicts/host-report.ts';
import { resolveLanguage, translate } from '../shared/i18n/translate.ts';
import { interruptible, type CliIo } from './cli-io.ts';
import { parseCliArgs, parsePositiveInt } from './parse-cli-args.ts';
import { localeWords } from './cli-words.ts';
import { renderReport } from './report-table.ts';

/** Exit status of `check`: 1 wins over 3, since a client fix is something to do here. */
export const CHECK_EXIT = { clean: 0, needsIpqos0: 1, serverSide: 3 } as const;

function parseMode(value: string | undefined, thorough: boolean): CheckMode {
  if (value === undefined) return thorough ? 'thorough' : 'session';
  if (!(CHECK_MODES as readonly string[]).includes(value)) {
    throw new UserError(`--mode must be one of ${CHECK_MODES.join(', ')}, not "${value}".`);
  }
  if (thorough && value !== 'thorough') {
    throw new UserError(`--thorough is --mode thorough; it cannot go with --mode ${value}.`);
  }
  return value as CheckMode;
}

/** `ipqos-doctor check [HOST...] [--config FILE] [--json] [--concurrency N] [--mode M] [--thorough] [--ssh PATH] [--verbose]` */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs('check', args, {
    config: { type: 'string', short: 'F' },
    json: { type: 'boolean' },
    concurrency: { type: 'string' },
    ssh: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
    thorough: { type: 'boolean' },
    mode: { type: 'string' },
  });
  const mode = parseMode(values.mode, values.thorough === true);
  const concurrency = parsePositiveInt('concurrency', values.concurrency, 16, 256);
  const progress = io.isTty && !values.json ? progressLine(io) : undefined;
  return interruptible(io, 'interrupted; every ssh it started has been stopped.', async (signal) => {
    try {
      const report = await checkHosts({
        ...(values.config !== undefined ? { configFile: values.config } : {}),
        hosts: positionals,
        concurrency,
        mode,
        ...(values.ssh !== undefined ? { ssh: values.ssh } : {}),
        signal,
        ...(progress ? { onEvent: progress.onEvent } : {}),
      });
      progress?.clear();
      const colour = io.isTty && io.env.NO_COLOR === undefined;
      if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const words = localeWords(io.env);
        io.out(renderReport(inLocale(report, io.env), { colour, verbose: values.verbose === true, words }));
      }
      if (report.needsIpqos0.length > 0) return CHECK_EXIT.needsIpqos0;
      return report.serverSide.length > 0 ? CHECK_EXIT.serverSide : CHECK_EXIT.clean;
    } finally {
      progress?.clear();
    }
  });
}

/** The report's sentences in the locale's language (LC_ALL, LC_MESSAGES, LANG); `--json` stays English. */
function inLocale(report: CheckReport, env: NodeJS.ProcessEnv): CheckReport {
  const lang = resolveLanguage('system', localeLanguages(env));
  if (lang === 'en') return report;
  return {
    ...report,
    hosts: report.hosts.map((host) => ({
      ...host,
      summary: translate(lang, { ...host.summaryCode, text: host.summary }),
      evidence: host.evidenceCodes.map((coded, index) =>
        translate(lang, { ...coded, text: host.evidence[index] ?? '' }),
      ),
    })),
  };
}

/** One self-rewriting line on stderr: how many hosts are done and what is in flight. */
function progressLine(io: CliIo): { onEvent: (event: CheckEvent) => void; clear: () => void } {
  let total = 0;
  let done = 0;
  let shown = false;
  const running = new Map<string, string>();
  const draw = (): void => {
    const [alias, step] = running.entries().next().value ?? ['', ''];
    const current = alias ? ` — ${alias}: ${step}` : '';
    io.err(`\r\x1b[2KChecking ${done}/${total} hosts${current}`.slice(0, 120));
    shown = true;
  };
  return {
    onEvent: (event) => {
      if (event.type === 'inventory') total = event.aliases.length;
      else if (event.type === 'host-started') running.set(event.alias, 'starting');
      else if (event.type === 'host-step') running.set(event.alias, event.step);
      else {
        running.delete(event.report.alias);
        done++;
      }
      draw();
    },
    clear: () => {
      if (shown) io.err('\r\x1b[2K');
      shown = false;
    },
  };
}
