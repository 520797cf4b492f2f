import { express } from './express';
import { nodeHttp } from './node-http';
import type { FrameworkModel } from './types';

/** Framework models in the order they are asked about a function: the most specific first. */
export const FRAMEWORKS: readonly FrameworkModel[] = [nodeHttp, express];
