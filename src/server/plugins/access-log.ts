import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * One log line per answered request, in place of Fastify's two ("incoming request" and "request
 * completed"): the method, the path, the status, the time taken and who asked (user or API
 * client id). Two lines cost a sixth of the server's CPU for an order's page (measured in
 * docs/performance.md) and doubled the log's size, while the first line says nothing the second
 * does not. The query string is left out: searches and filters carry citizens' names, phone
 * numbers and addresses, which have no place in a log kept for months (个人信息保护法). A
 * response that failed to be sent is logged at `error`, as Fastify does.
 */
export class AccessLog extends LogController {
  /** `lines`: whether request lines are written at all (logging on, at `info` or finer). */
  constructor(private readonly lines: boolean) {
    super();
  }

  override incomingRequest(): void {}

  // The request's own line says 404; Fastify's would repeat the whole address, query and all.
  override routeNotFound(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    // Logging off (tests) or above `info` (LOG_LEVEL=warn): the line is not even built.
    if (!error && !this.lines) return;
    const query = request.url.indexOf('?');
    const line = {
      method: request.method,
      path: query === -1 ? request.url : request.url.slice(0, query),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...(request.actor ? { user: request.actor.userId } : {}),
      ...(request.apiClient ? { client: request.apiClient.id } : {}),
      ip: request.ip,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}
