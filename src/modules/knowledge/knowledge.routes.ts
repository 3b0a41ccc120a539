import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.js';
import { actorOf, who } from '../../server/plugins/auth.js';
import { errorResponses, idParams } from '../../server/schemas.js';
import { WorkOrderService } from '../work-orders/work-order.service.js';
import {
  approveBody,
  entryResponse,
  listQuery,
  listResponse,
  proposeEntryBody,
  proposeVersionBody,
  searchBody,
  searchResponse,
  sendBackBody,
  versionParams,
  versionSchema,
} from './knowledge.schemas.js';
import { KnowledgeService } from './knowledge.service.js';

const tags = ['知识库'];

/** The knowledge base (issue 12): read, search, propose, approve or send back. */
export function knowledgeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new KnowledgeService(ctx);
  const orders = new WorkOrderService(ctx);
  return async (app) => {
    app.get(
      '/api/knowledge',
      {
        config: { access: 'knowledge.read' },
        schema: {
          tags,
          summary: '知识条目（每条取最新版本）；单位只看到现行条目和本单位的提案',
          querystring: listQuery,
          response: { 200: listResponse, ...errorResponses },
        },
      },
      async (request) => service.list(actorOf(request), request.query),
    );
    app.post(
      '/api/knowledge/search',
      {
        config: { access: 'knowledge.read' },
        schema: {
          tags,
          summary: '按文字检索现行、有效期内的知识条目，按相关度（BM25）排序',
          body: searchBody,
          response: { 200: searchResponse, ...errorResponses },
        },
      },
      async (request) =>
        request.body.relevant
          ? service.relevantTo(request.body.text, request.body.limit)
          : service.search(request.body.text, request.body.limit),
    );
    app.get(
      '/api/work-orders/:id/knowledge',
      {
        config: { access: 'knowledge.read' },
        schema: {
          tags,
          summary: '与本工单说的是同一件事、最相关的现行知识条目（答复时引用）',
          params: idParams,
          response: { 200: searchResponse, ...errorResponses },
        },
      },
      async (request) => {
        const { row } = await orders.loadVisible(request.params.id, actorOf(request));
        return service.relevantTo(`${row.title}\n${row.content}`);
      },
    );
    app.get(
      '/api/knowledge/:id',
      {
        config: { access: 'knowledge.read' },
        schema: {
          tags,
          summary: '一个知识条目的全部版本（新版在前）',
          params: idParams,
          response: { 200: entryResponse, ...errorResponses },
        },
      },
      async (request) => service.entry(actorOf(request), request.params.id),
    );
    app.post(
      '/api/knowledge',
      {
        config: { access: 'knowledge.propose' },
        schema: {
          tags,
          summary: '提出新的知识条目（待热线办审核）',
          body: proposeEntryBody,
          response: { 201: versionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { ownerUnitId, ...content } = request.body;
        reply.code(201);
        return service.proposeEntry(actorOf(request), who(request), ownerUnitId, content);
      },
    );
    app.post(
      '/api/knowledge/:id/versions',
      {
        config: { access: 'knowledge.propose' },
        schema: {
          tags,
          summary: '提出知识条目的新版本（待热线办审核；现行版本审核通过前照常提供）',
          params: idParams,
          body: proposeVersionBody,
          response: { 201: versionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { version, ...content } = request.body;
        reply.code(201);
        return service.proposeVersion(actorOf(request), who(request), request.params.id, version, content);
      },
    );
    app.post(
      '/api/knowledge/versions/:versionId/approve',
      {
        config: { access: 'knowledge.approve' },
        schema: {
          tags,
          summary: '审核通过：该版本成为现行版本，原现行版本被取代',
          params: versionParams,
          body: approveBody,
          response: { 200: versionSchema, ...errorResponses },
        },
      },
      async (request) =>
        service.approve(actorOf(request), who(request), request.params.versionId, request.body.version),
    );
    app.post(
      '/api/knowledge/versions/:versionId/return',
      {
        config: { access: 'knowledge.approve' },
        schema: {
          tags,
          summary: '退回提案并写明意见；现行版本不变',
          params: versionParams,
          body: sendBackBody,
          response: { 200: versionSchema, ...errorResponses },
        },
      },
      async (request) =>
        service.sendBack(
          actorOf(request),
          who(request),
          request.params.versionId,
          request.body.version,
          request.body.comment,
        ),
    );
  };
}
