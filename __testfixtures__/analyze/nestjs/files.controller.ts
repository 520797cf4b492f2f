import { Controller, HttpCode, Post, Req, Res, Get, Param } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StorageService } from './storage.service';

// Nest on the Fastify adapter
@Controller('files')
export class FilesController {
  constructor(private readonly storage: StorageService) {}

  @Post('upload')
  @HttpCode(200)
  async upload(@Req() req: FastifyRequest) {
    const file = await req.file();
    if (!file) {
      return { status: 'error', message: 'No file uploaded' }; // expect: error-in-2xx
    }
    try {
      return await this.storage.save(file);
    } catch (err) {
      return { status: 'failed', reason: 'Upload failed' }; // expect: error-in-2xx
    }
  }

  @Get(':key')
  async download(@Param('key') key: string, @Res() reply: FastifyReply) {
    try {
      const stream = await this.storage.open(key);
      reply.type('application/octet-stream').send(stream);
    } catch (err) {
      reply.code(500).send({ error: (err as Error).message }); // expect: leaked-exception
    }
  }

  @Get(':key/meta')
  async meta(@Param('key') key: string, @Res() reply: FastifyReply) {
    const meta = await this.storage.head(key);
    if (!meta) {
      return reply.code(404).send({ error: 'File not found' });
    }
    reply.send(meta);
  }
}
