import {
  Injectable,
  NotFoundException,
  type PipeTransform,
} from '@nestjs/common';

/**
 * Turns an `:id` route parameter into a number. Anything that cannot be the id
 * of a row (not a positive 32-bit integer) is answered like an unknown id: 404.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!(id <= 2_147_483_647)) throw new NotFoundException();
    return id;
  }
}
