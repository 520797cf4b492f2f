import { InvalidArgumentError, Option } from 'commander';
import { parseJobsValue, type JobsOption } from './jobs';

/** The `--jobs <n>` option of `analyze` (and later `apply`). */
export function jobsOption(): Option {
  return new Option('--jobs <n>', "worker threads: 1 analyses in the main thread, 'auto' picks from the cores and the file count")
    .default('auto')
    .argParser((value: string): JobsOption => {
      const jobs = parseJobsValue(value);
      if (jobs === null) throw new InvalidArgumentError("expected a positive integer or 'auto'.");
      return jobs;
    });
}
