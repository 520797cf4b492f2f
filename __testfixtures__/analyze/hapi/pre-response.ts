import Hapi from '@hapi/hapi';
import { logger } from './logger';

export function registerErrorResponses(server: Hapi.Server): void {
  server.ext('onPreResponse', (request, h) => {
    const response = request.response;
    if ('isBoom' in response && response.isBoom) {
      logger.error({ err: response, path: request.path }, 'request failed');
      return h // expect: leaked-exception
        .response({ message: response.message, stack: response.stack })
        .code(response.output.statusCode);
    }
    return h.continue;
  });
}

export function registerSafeErrorResponses(server: Hapi.Server): void {
  server.ext({
    type: 'onPreResponse',
    method(request, h) {
      const { response } = request;
      if ('isBoom' in response && response.isBoom) {
        const { statusCode, payload } = response.output;
        return h.response({ ...payload, requestId: request.info.id }).code(statusCode);
      }
      return h.continue;
    },
  });
}
